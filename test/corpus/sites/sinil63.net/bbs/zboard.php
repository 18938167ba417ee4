<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>신일고 33회 동창회 :: 자유게시판</title>
<meta name="description" content="신일고등학교 33회 졸업생 동창회 홈페이지 자유게시판. 동기들 소식, 경조사, 모임 공지.">
<link rel="stylesheet" href="/bbs/skin/nzeo_ver4_bbs/style.css" type="text/css">
<style>
body{font-family:돋움,Dotum;font-size:12px;margin:0;background:#e9eef3}
td{font-size:12px}
.t{font-size:14px;font-weight:bold;color:#20476e}
a:link,a:visited{color:#333;text-decoration:none}
</style>
</head>
<body>
<table width="800" align="center" cellpadding="0" cellspacing="0" bgcolor="#ffffff" style="border:1px solid #b7c6d6">
<tr><td bgcolor="#20476e" height="70" style="padding-left:16px"><font color="#ffffff" size="4"><b>신일고 33회 동창회</b></font><br><font color="#b9cce0">since 2003 · 우리들의 추억 창고</font></td></tr>
<tr><td bgcolor="#dbe5ef" height="28" align="center">
<a href="/">홈</a> | <a href="/bbs/zboard.php?id=notice">공지사항</a> | <a href="/bbs/zboard.php?id=free">자유게시판</a> | <a href="/bbs/zboard.php?id=family">경조사</a> | <a href="/bbs/zboard.php?id=photo">앨범</a> | <a href="/bbs/zboard.php?id=member">동기주소록</a>
</td></tr>
<tr><td style="padding:16px">
<table width="100%" cellpadding="6" cellspacing="0" border="0">
<tr><td class="t" colspan="2">[자유게시판] 휴대폰 소액결제 현금화 하실 분 보세요 (수수료 싸게 해드림)</td></tr>
<tr><td colspan="2" bgcolor="#f3f6f9">Name : <b>현금지원</b> &nbsp; Date : 2025/05/10 (토) 03:22 &nbsp; Hit : 96 &nbsp; IP : 103.xx.xx.12</td></tr>
<tr><td colspan="2" style="line-height:1.9;padding:14px 6px">
동창 여러분 안녕하세요. 급하게 현금 필요하실 때 휴대폰 소액결제로 해결하세요.<br><br>
- 휴대폰 소액결제 현금화 / 정보이용료 현금화 / 카드 현금화<br>
- 수수료 8%부터, 최대 100만원, 새벽에도 10분 이내 입금<br>
- 신용 상관없음, 대출 아님, 가족 모르게 진행<br><br>
<b>카톡 mcash33</b> 으로 "동창회 보고 왔다" 하시면 수수료 1% 추가 할인<br>
▶ 신청 페이지 : <a href="http://okpay-hyungeum.com/apply/" target="_blank">okpay-hyungeum.com/apply</a><br>
▶ 텔레그램 : t.me/mcash33
</td></tr>
</table>
<br>
<table width="100%" cellpadding="5" cellspacing="0" border="0" style="border-top:2px solid #20476e">
<tr bgcolor="#f3f6f9" align="center"><td width="50">번호</td><td>제목</td><td width="90">이름</td><td width="70">날짜</td><td width="40">조회</td></tr>
<tr align="center"><td>1842</td><td align="left">하반기 정기총회 장소 투표합니다 (종로 vs 강남) [23]</td><td>총무 김태우</td><td>05/12</td><td>211</td></tr>
<tr align="center"><td>1841</td><td align="left">[부고] 3반 이상민 동기 부친상</td><td>회장 오세진</td><td>05/11</td><td>187</td></tr>
<tr align="center"><td>1840</td><td align="left">휴대폰 소액결제 현금화 하실 분 보세요 (수수료 싸게 해드림)</td><td>현금지원</td><td>05/10</td><td>96</td></tr>
<tr align="center"><td>1839</td><td align="left">산악회 5월 도봉산 후기 + 사진 [8]</td><td>등산왕 박준</td><td>05/06</td><td>143</td></tr>
<tr align="center"><td>1838</td><td align="left">윤재형 개업했습니다. 을지로 고깃집 많이 와주세요 [15]</td><td>윤재형</td><td>05/02</td><td>256</td></tr>
<tr align="center"><td>1837</td><td align="left">정보이용료 현금화 당일 90% 카톡상담</td><td>정보현금</td><td>04/30</td><td>74</td></tr>
<tr align="center"><td>1836</td><td align="left">회비 입금 현황 (4월) 확인 부탁드려요</td><td>총무 김태우</td><td>04/28</td><td>198</td></tr>
</table>
<p align="center">[1] <a href="?id=free&page=2">[2]</a> <a href="?id=free&page=3">[3]</a> ... <a href="?id=free&page=92">[92]</a></p>
</td></tr>
<tr><td bgcolor="#20476e" height="40" align="center"><font color="#b9cce0">신일고 33회 동창회 | 운영자 메일 sinil33@sinil63.net | Powered by Zeroboard</font></td></tr>
</table>
</body>
</html>
